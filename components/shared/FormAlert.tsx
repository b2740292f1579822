/**
 * A form's own error, for what belongs to no field (the checks did not load, the server
 * refused): an alert, focusable so that `useFocusFirstError` can take the focus to it. Always
 * in the page, empty when there is nothing to say, so that the message is announced.
 */
export function FormAlert({ message }: { message: string | undefined }) {
  return (
    <p
      aria-live="polite"
      tabIndex={-1}
      className="text-sm text-red-700"
      role={message ? "alert" : undefined}
    >
      {message}
    </p>
  );
}
