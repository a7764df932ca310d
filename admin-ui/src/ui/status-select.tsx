/**
 * The list screens' status filter, once: a labelled `<select name="status">` with "Any" (null)
 * and each status in lower case words (`LOW_STOCK` → "low stock").
 */
export function StatusSelect<S extends string>({
  statuses,
  value,
  onChange,
}: {
  statuses: readonly S[];
  value: S | null;
  onChange: (status: S | null) => void;
}) {
  return (
    <label>
      Status
      <select name="status" value={value ?? ''} onChange={(e) => onChange((e.currentTarget.value || null) as S | null)}>
        <option value="">Any</option>
        {statuses.map((s) => (
          <option key={s} value={s}>
            {s.replace(/_/g, ' ').toLowerCase()}
          </option>
        ))}
      </select>
    </label>
  );
}
