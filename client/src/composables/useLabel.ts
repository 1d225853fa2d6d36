import { useI18n } from 'vue-i18n';

/** Picks the zh or en side of a shared label ({ zh, en }) by the current locale. */
export function useLabel() {
  const { locale } = useI18n();
  return (label: { zh: string; en: string } | undefined | null, fallback = ''): string =>
    label ? (locale.value === 'en' ? label.en : label.zh) : fallback;
}
