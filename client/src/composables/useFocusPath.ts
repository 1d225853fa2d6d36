/** Scrolls to and focuses the field of a path (a check's or a comment's), flashing it. */
export function findFieldElement(paths: readonly string[], root: ParentNode = document): HTMLElement | null {
  const esc = (s: string) => (typeof CSS !== 'undefined' && CSS.escape ? CSS.escape(s) : s.replace(/(["\\\]\[])/g, '\\$1'));
  for (const p of paths) {
    const exact = root.querySelector<HTMLElement>(`[data-path="${esc(p)}"]`);
    if (exact) return exact;
  }
  for (const p of paths) {
    const inner = root.querySelector<HTMLElement>(`[data-path^="${esc(p + '.')}"], [data-path^="${esc(p + '[')}"]`);
    if (inner) return inner;
  }
  return null;
}

export function focusField(paths: readonly string[], root: ParentNode = document): boolean {
  const el = findFieldElement(paths, root);
  if (!el) return false;
  el.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
  const target = el.matches('input, textarea, select, button, [tabindex]') ? el : el.querySelector<HTMLElement>('input, textarea, select, button, [tabindex]');
  (target ?? el).focus?.({ preventScroll: true });
  const cell = el.closest('td') ?? el;
  cell.classList.add('flash');
  setTimeout(() => cell.classList.remove('flash'), 1600);
  return true;
}

/** Which document tab holds a path. */
export function tabOfPath(path: string): 'basicData' | 'selfEvaluation' | 'projectSelfEvaluation' | 'report' | null {
  if (path.startsWith('basicData')) return 'basicData';
  // The 项目支出绩效自评表 tab is named by its layout's id.
  if (path.startsWith('projectEvaluations')) return 'projectSelfEvaluation';
  if (path.startsWith('selfEvaluation')) return 'selfEvaluation';
  if (path.startsWith('report')) return 'report';
  if (path.startsWith('explanations.')) {
    const inner = path.slice('explanations.'.length).split('@')[1] ?? '';
    return tabOfPath(inner);
  }
  return null;
}
