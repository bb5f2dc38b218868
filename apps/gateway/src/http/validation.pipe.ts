import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { flattenValidationErrors } from '@maillage/contracts';

/** Validates bodies and queries with the contract classes; unknown fields are refused. */
export const createValidationPipe = (): ValidationPipe =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) =>
      new BadRequestException({ message: 'The request has invalid fields.', errors: flattenValidationErrors(errors) }),
  });
