"use client";

import { useRef, useState, type FormEvent } from "react";
import { useRestoredPage } from "./use-restored-page";

/**
 * A plain POST form whose button works once: a double tap must not send the request twice
 * (a phone link is used up by the first, and the second's answer, "already used", would
 * win). It works before the page's script runs, as any form does.
 */
export function SubmitOnceForm({
  action,
  label,
  pendingLabel,
  className,
}: {
  action: string;
  label: string;
  pendingLabel: string;
  className: string;
}) {
  const sent = useRef(false);
  const [pending, setPending] = useState(false);
  useRestoredPage(() => {
    sent.current = false;
    setPending(false);
  });
  function onSubmit(event: FormEvent) {
    if (sent.current) return event.preventDefault();
    sent.current = true;
    setPending(true);
  }
  return (
    <form method="post" action={action} onSubmit={onSubmit} aria-busy={pending}>
      <button disabled={pending} className={className}>
        {pending ? pendingLabel : label}
      </button>
    </form>
  );
}
