/**
 * For component tests: a form wired like the workspace, shared computeFigures and runChecks
 * on a live copy of the seed package, mounted with the zh-CN messages (or the English ones).
 */
import { mount } from '@vue/test-utils';
import { computed, defineComponent, reactive, type VNode } from 'vue';
import { createI18n } from 'vue-i18n';
import {
  LUKOU_2024_TEMPLATE,
  SEED_2024_LUKOU_GSL,
  SEED_CONTEXT,
  computeFigures,
  runChecks,
  type CheckResult,
  type EvaluationTemplate,
  type PackageDocument,
} from '@zipin/shared';
import zh from '@/i18n/zh-CN.js';
import en from '@/i18n/en.js';
import { setAt } from '@/stores/doc-path.js';
import { provideDocForm } from './doc-form.js';

export interface HarnessOptions {
  template?: EvaluationTemplate;
  editable?: boolean;
  formSetId?: string;
  locale?: 'zh-CN' | 'en';
}

export function mountDocForm(render: (state: { doc: PackageDocument; checks: readonly CheckResult[]; editable: boolean }) => VNode, options: HarnessOptions = {}) {
  const template = options.template ?? LUKOU_2024_TEMPLATE;
  const editable = options.editable ?? true;
  const doc = reactive(structuredClone(SEED_2024_LUKOU_GSL)) as PackageDocument;
  const Harness = defineComponent({
    setup() {
      const figures = computed(() => computeFigures(doc, template));
      const checks = computed(() => runChecks(doc, template, SEED_CONTEXT, figures.value));
      provideDocForm({
        doc: () => doc,
        figures: () => figures.value,
        context: () => SEED_CONTEXT,
        template: () => template,
        formSetId: () => options.formSetId,
        checks: () => checks.value,
        comments: () => [],
        editable: () => editable,
        edit: (p, v) => setAt(doc, p, v),
        mutate: (fn) => fn(doc),
      });
      return () => render({ doc, checks: checks.value, editable });
    },
  });
  const i18n = createI18n({ legacy: false, locale: options.locale ?? 'zh-CN', messages: { 'zh-CN': zh, en } });
  return { wrapper: mount(Harness, { global: { plugins: [i18n] }, attachTo: document.body }), doc };
}
