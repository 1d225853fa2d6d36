import { html, type SafeHtml } from './html.js';
import type { RenderModel } from './render-model.js';

/** 填表人 / 填报日期 / 联系电话 / 单位负责人签字 under each table, filled from the workflow. */
export function formFooter(model: RenderModel): SafeHtml {
  const f = model.footer;
  const signature = f.signerName
    ? html`<span class="sign signed">${f.signerName}${f.signedDate ? html` <small>${f.signedDate}</small>` : ''}</span>`
    : html`<span class="sign"></span>`;
  return html`<div class="form-footer">
    <span>填表人：${f.fillerName ?? ''}</span>
    <span>填报日期：${f.fillDate ?? ''}</span>
    <span>联系电话：${f.phone ?? ''}</span>
    <span>单位负责人签字：${signature}</span>
  </div>`;
}
