import { ElMessage } from 'element-plus';
import { useI18n } from 'vue-i18n';
import { describeError, type ErrorView } from '@/api/errors.js';

/** Views turn store errors into messages here (stores never toast). */
export function useErrors() {
  const { locale } = useI18n();
  const describe = (e: unknown): ErrorView => describeError(e, locale.value === 'en' ? 'en' : 'zh-CN');
  function toast(e: unknown) {
    const v = describe(e);
    ElMessage({ type: 'error', message: `${v.message}${v.hint ? `　${v.hint}` : ''}`, duration: 5000, showClose: true, grouping: true });
  }
  return { describe, toast };
}
