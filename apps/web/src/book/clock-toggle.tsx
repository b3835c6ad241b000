interface Props {
  h12: boolean;
  onChange(h12: boolean): void;
}

/** 12-hour / 24-hour display switch. */
export function ClockToggle({ h12, onChange }: Props) {
  return (
    <div class="row" role="group" aria-label="Clock format">
      <button type="button" aria-pressed={h12} onClick={() => onChange(true)}>
        12h
      </button>
      <button type="button" aria-pressed={!h12} onClick={() => onChange(false)}>
        24h
      </button>
    </div>
  );
}
