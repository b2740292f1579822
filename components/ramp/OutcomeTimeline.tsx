import type { Side } from "@/lib/ramp/options";
import { STATUS_LABELS, type Outcome } from "@/lib/ramp/transactions";

type Step = { label: string; state: "done" | "current" | "todo" | "bad" };

/** Started → in progress (or waiting for the deposit) → the end, with where this one is. */
function steps(side: Side, outcome: Outcome): Step[] {
  const end: Step =
    outcome === "failed"
      ? { label: "Failed", state: "bad" }
      : outcome === "cancelled"
        ? { label: "Cancelled", state: "bad" }
        : outcome === "expired"
          ? { label: "Expired", state: "bad" }
          : outcome === "not_completed"
            ? { label: "Not completed", state: "bad" }
            : outcome === "deposit_overdue"
              ? { label: "Not received", state: "bad" }
              : outcome === "replaced"
                ? { label: "Replaced", state: "bad" }
                : { label: "Success", state: outcome === "success" ? "done" : "todo" };
  // An order not paid yet has not begun either: nothing is in progress.
  const started = outcome === "started" || outcome === "created" || outcome === "awaiting_payment";
  const middle: Step[] =
    side === "sell"
      ? [
          {
            // The status line's own words, so the step and the status name one state alike.
            label: STATUS_LABELS.awaiting_deposit,
            state: outcome === "awaiting_deposit" ? "current" : started ? "todo" : "done",
          },
          {
            label: "In progress",
            state: outcome === "in_progress" ? "current" : end.state === "todo" ? "todo" : "done",
          },
        ]
      : [
          {
            label: "In progress",
            state: outcome === "in_progress" ? "current" : started ? "todo" : "done",
          },
        ];
  const ended = end.state !== "todo";
  return [
    { label: "Started", state: started ? "current" : "done" },
    ...(ended && outcome !== "success" ? [] : middle),
    end,
  ];
}

const MARK = { done: "✓", current: "●", todo: "○", bad: "✕" } as const;
// The marks are for eyes; a screen reader hears the state in words.
const SPOKEN = { done: "done", current: "now", todo: "not yet", bad: "stopped here" } as const;

export function OutcomeTimeline({ side, outcome }: { side: Side; outcome: Outcome }) {
  return (
    <ol aria-label="Progress" className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
      {steps(side, outcome).map((step) => (
        <li
          key={step.label}
          aria-current={step.state === "current" || step.state === "bad" ? "step" : undefined}
          className={
            step.state === "todo"
              ? "text-slate-500"
              : step.state === "bad"
                ? "font-semibold text-red-800"
                : "font-medium"
          }
        >
          <span aria-hidden="true">{MARK[step.state]}</span> {step.label}
          <span className="sr-only"> ({SPOKEN[step.state]})</span>
        </li>
      ))}
    </ol>
  );
}
