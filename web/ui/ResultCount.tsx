/** How many items the list holds, announced when a search changes it. */
export function ResultCount({ text }: { text: string }) {
  return (
    <p role="status" className="fw-semibold">
      {text}
    </p>
  );
}
