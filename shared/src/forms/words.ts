import type { CampaignContext } from '../package/model.js';
import type { Label } from './types.js';

/** Shorthand for a label in both languages. */
export const L = (zh: string, en: string): Label => ({ zh, en });

/**
 * The campaign words labels use. Without a campaign (a message about a path, no year known)
 * the year words fall back to 本/上, so "{year}年决算数" reads 本年决算数 and "{prevYear}年决算数"
 * 上年决算数: the same label, never a different one. English labels use {yearEn} / {prevYearEn}.
 */
export interface FormWords {
  year: string;
  prevYear: string;
  /** 区级 / 市级 …: the government level of the campaign's bureau ('' when unknown). */
  level: string;
  unitName: string;
  /** 本级 / 省级 …: how the form set calls a unit's own special funds. */
  fundsLevel: string;
  [word: string]: string;
}

export const RELATIVE_WORDS: FormWords = {
  year: '本',
  prevYear: '上',
  yearEn: 'this year',
  prevYearEn: 'last year',
  level: '',
  unitName: '',
  fundsLevel: '本级',
  fundsLevelEn: 'own',
};

/** The words of a campaign, with a form set's own words (fundsLevel …) over the defaults. */
export function formWords(context: CampaignContext | null | undefined, setWords: Record<string, string> = {}): FormWords {
  const base: FormWords = { ...RELATIVE_WORDS, ...setWords };
  if (!context) return base;
  return {
    ...base,
    year: String(context.fiscalYear),
    prevYear: String(context.fiscalYear - 1),
    yearEn: String(context.fiscalYear),
    prevYearEn: String(context.fiscalYear - 1),
    level: context.governmentLevel ?? base.level,
    unitName: context.unitName ?? '',
  };
}

/** Fills {word} placeholders; an unknown word stays as written so a typo shows. */
export function fillWords(text: string, words: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (m, w: string) => (w in words ? words[w]! : m));
}

export function resolveLabel(label: Label, words: Record<string, string>): Label {
  return { zh: fillWords(label.zh, words), en: fillWords(label.en, words) };
}

/** A printed label on one line (field labels, messages): line breaks dropped. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, '');
}
