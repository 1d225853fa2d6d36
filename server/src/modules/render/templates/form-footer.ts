import type { ExpandedForm } from '@zipin/shared';
import { html, type SafeHtml } from './html.js';
import type { RenderModel } from './render-model.js';

/** 填表人 / 填报日期 / 联系电话 / 单位负责人签字 under each table (the layout's footer), filled from the workflow. */
export function formFooter(form: ExpandedForm, model: RenderModel): SafeHtml | '' {
  if (!form.footer.length) return '';
  const f = model.footer;
  const value = (key: string): SafeHtml | string => {
    switch (key) {
      case 'fillerName':
        return f.fillerName ?? '';
      case 'fillDate':
        return f.fillDate ?? '';
      case 'phone':
        return f.phone ?? '';
      default:
        return f.signerName
          ? html`<span class="sign signed">${f.signerName}${f.signedDate ? html` <small>${f.signedDate}</small>` : ''}</span>`
          : html`<span class="sign"></span>`;
    }
  };
  return html`<div class="form-footer">
    ${form.footer.map((item) => html`<span>${item.text}：${value(item.key)}</span>`)}
  </div>`;
}
