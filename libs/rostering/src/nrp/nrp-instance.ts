/**
 * A nurse-rostering benchmark instance (Curtois & Qu, schedulingbenchmarks.org),
 * as read from its text format. See ../shared/benchmarks/nurse-rostering/SOURCE.md
 * for the model. Indices are positions in the arrays below, so every consumer
 * (engine adapter, independent scorer, MIP model) shares one reading of the file.
 */
export interface NrpShiftType {
  id: string;
  lengthMinutes: number;
  /** ids of shift types that may not be worked the day after this one */
  cannotFollow: string[];
}

export interface NrpEmployee {
  id: string;
  /** max number of shifts of each type over the horizon, by shift type id */
  maxShifts: Record<string, number>;
  maxTotalMinutes: number;
  minTotalMinutes: number;
  maxConsecutiveShifts: number;
  minConsecutiveShifts: number;
  minConsecutiveDaysOff: number;
  maxWeekends: number;
  /** days (0-based) the employee may not work */
  daysOff: number[];
}

export interface NrpShiftRequest {
  employeeId: string;
  day: number;
  shiftId: string;
  weight: number;
}

export interface NrpCover {
  day: number;
  shiftId: string;
  requirement: number;
  weightUnder: number;
  weightOver: number;
}

export interface NrpInstance {
  name: string;
  horizonDays: number;
  shiftTypes: NrpShiftType[];
  employees: NrpEmployee[];
  shiftOnRequests: NrpShiftRequest[];
  shiftOffRequests: NrpShiftRequest[];
  cover: NrpCover[];
}

/** One line of a `.roster` file: `employeeId,day,shiftId`. */
export interface NrpAssignment {
  employeeId: string;
  day: number;
  shiftId: string;
}
