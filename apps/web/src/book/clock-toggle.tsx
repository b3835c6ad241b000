import { t } from '../common/i18n';

interface Props {
  h12: boolean;
  onChange(h12: boolean): void;
}

/** 12-hour / 24-hour display switch. */
export function ClockToggle({ h12, onChange }: Props) {
  return (
    <div class="row" role="group" aria-label={t('clock.label')}>
      <button type="button" aria-pressed={h12} onClick={() => onChange(true)}>
        {t('clock.h12')}
      </button>
      <button type="button" aria-pressed={!h12} onClick={() => onChange(false)}>
        {t('clock.h23')}
      </button>
    </div>
  );
}
