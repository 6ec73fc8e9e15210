/**
 * The outcome of an action ("Ente creato."), in a live region that is always in the page, so that screen
 * readers announce the text when it appears.
 */
export function Notice({ message }: { message: string | null | undefined }) {
  return (
    <div role="status" className="lovit-notice">
      {message && <div className="alert alert-success">{message}</div>}
    </div>
  );
}
