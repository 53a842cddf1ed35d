/**
 * The one source of "now". The server holds one Clock (the system clock in production) and hands
 * it to every service through its context; rules never read the wall clock themselves, they take
 * the instant or the date as an argument. Tests give the server a clock they set.
 */
export interface Clock {
  now(): Date;
}
