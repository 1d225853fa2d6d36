/** The public portal: published packages, no login. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { query } from '@/api/client.js';
import { ApiError, toApiError } from '@/api/errors.js';
import { PUBLIC_PACKAGE, PUBLIC_PACKAGES, PUBLIC_YEARS, VERIFY_SIGNATURE } from '@/api/operations.js';
import type { PublicPackage, VerificationResult } from '@/api/types.js';

export const usePortalStore = defineStore('portal', () => {
  const years = ref<number[]>([]);
  const nodes = ref<PublicPackage[]>([]);
  const totalCount = ref(0);
  const loading = ref(false);
  const error = ref<ApiError | null>(null);
  const current = ref<PublicPackage | null>(null);

  async function loadYears() {
    try {
      years.value = (await query(PUBLIC_YEARS, {})).publicYears;
    } catch (e) {
      error.value = toApiError(e);
    }
  }

  async function search(fiscalYear: number | null, text: string, first = 20, offset = 0) {
    loading.value = true;
    try {
      const data = await query(PUBLIC_PACKAGES, { fiscalYear, search: text.trim() || null, first, offset });
      nodes.value = data.publicPackages.nodes;
      totalCount.value = data.publicPackages.totalCount;
      error.value = null;
    } catch (e) {
      error.value = toApiError(e);
    } finally {
      loading.value = false;
    }
  }

  async function open(publicationId: string) {
    loading.value = true;
    current.value = null;
    try {
      current.value = (await query(PUBLIC_PACKAGE, { publicationId })).publicPackage;
      error.value = current.value ? null : new ApiError('NOT_FOUND', '找不到该公开材料');
    } catch (e) {
      error.value = toApiError(e);
    } finally {
      loading.value = false;
    }
  }

  async function verifyHash(hash: string): Promise<VerificationResult> {
    return (await query(VERIFY_SIGNATURE, { hash: hash.trim().toLowerCase() })).verifySignature;
  }

  /** Uploads a PDF to POST /api/public/verify (raw body). */
  async function verifyFile(file: Blob): Promise<VerificationResult> {
    let res: Response;
    try {
      res = await fetch('/api/public/verify', { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: file });
    } catch (e) {
      throw new ApiError('NETWORK', (e as Error).message);
    }
    const body = (await res.json().catch(() => null)) as (VerificationResult & { code?: string; message?: string }) | null;
    if (!res.ok) throw new ApiError((body?.code as never) ?? (res.status === 413 || res.status === 415 ? 'FILE_REJECTED' : 'INTERNAL'), body?.message ?? res.statusText);
    if (!body) throw new ApiError('INTERNAL', '校验服务没有返回结果');
    return body;
  }

  return { years, nodes, totalCount, loading, error, current, loadYears, search, open, verifyHash, verifyFile };
});
