import { EventContract, RequestContract } from '@maillage/contracts';

export interface EventHandlerBinding {
  contract: EventContract;
  method: string;
}

export interface RequestHandlerBinding {
  contract: RequestContract;
  method: string;
}

const EVENT_HANDLERS = Symbol('maillage:event-handlers');
const REQUEST_HANDLERS = Symbol('maillage:request-handlers');

/**
 * Marks a provider method as the handler of an event. The method receives the
 * validated payload and an EventContext whose `manager` is the transaction of
 * the inbox row: write the effect with it and it happens once.
 */
export function OnEvent(contract: EventContract): MethodDecorator {
  return (target, propertyKey) => {
    const list: EventHandlerBinding[] = Reflect.getMetadata(EVENT_HANDLERS, target.constructor) ?? [];
    Reflect.defineMetadata(EVENT_HANDLERS, [...list, { contract, method: String(propertyKey) }], target.constructor);
  };
}

/** Marks a provider method as the answer to a request from the gateway or another service. */
export function OnRequest(contract: RequestContract): MethodDecorator {
  return (target, propertyKey) => {
    const list: RequestHandlerBinding[] = Reflect.getMetadata(REQUEST_HANDLERS, target.constructor) ?? [];
    Reflect.defineMetadata(REQUEST_HANDLERS, [...list, { contract, method: String(propertyKey) }], target.constructor);
  };
}

export const eventHandlersOf = (cls: object): EventHandlerBinding[] => Reflect.getMetadata(EVENT_HANDLERS, cls) ?? [];
export const requestHandlersOf = (cls: object): RequestHandlerBinding[] => Reflect.getMetadata(REQUEST_HANDLERS, cls) ?? [];
