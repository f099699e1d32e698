import { type ClassValue, clsx } from "clsx";

/** Joins class names, dropping the falsy ones: `cn("btn", busy && "opacity-50")`. */
export const cn = (...values: ClassValue[]): string => clsx(values);
