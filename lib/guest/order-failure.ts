import "server-only";
import { AppError } from "@/lib/http/app-error";
import { asAppError } from "@/lib/http/error-response";
import { NO_ORDER_PLACED, ORDER_MAY_EXIST } from "./order-failure-text";

/**
 * Where an order request was when it failed: `before` Coinbase was asked for the order (our
 * checks, the limits' look-up), `sending` (asking Coinbase), or `after` it made one (recording
 * it, replacing the order it takes the place of).
 */
export type OrderStep = "before" | "sending" | "after";

/**
 * A failed order request as its caller is told, saying whether an order may exist: unasked,
 * or refused by Coinbase, or never reached by the request, none was placed; asked and its
 * answer lost, or made and then failed here, one may wait, unpaid. Said of failures (a 5xx:
 * an outage, Coinbase busy, ours), whose words do not tell how far the request got; a refusal
 * (a 4xx: a field, a limit, a verification, too many requests) placed none, and says what to do.
 */
export function orderFailure(error: unknown, step: OrderStep): AppError {
  const failure = asAppError(error);
  if (failure.status < 500) return failure;
  const lostAnswer =
    failure.code === "upstream_timeout" ||
    (failure.code === "upstream_error" && !failure.options.neverSent);
  const mayExist = step === "after" || (step === "sending" && lostAnswer);
  const message = mayExist ? ORDER_MAY_EXIST : `${NO_ORDER_PLACED} ${failure.message}`;
  return new AppError(failure.code, message, failure.options);
}

/** Runs one step of an order request, its failure said as `orderFailure` says it. */
export async function orderStep<T>(step: OrderStep, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw orderFailure(error, step);
  }
}
