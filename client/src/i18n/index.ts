import { createI18n } from 'vue-i18n';
import zh from './zh-CN.js';
import en from './en.js';

export type AppLocale = 'zh-CN' | 'en';

const saved = (() => {
  try {
    return localStorage.getItem('zipin.locale');
  } catch {
    return null;
  }
})();

export const i18n = createI18n({
  legacy: false,
  locale: saved === 'en' ? 'en' : 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zh, en },
});

export function setLocale(locale: AppLocale) {
  i18n.global.locale.value = locale;
  try {
    localStorage.setItem('zipin.locale', locale);
  } catch {
    /* private mode */
  }
  document.documentElement.lang = locale;
}
