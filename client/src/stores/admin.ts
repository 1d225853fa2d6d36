/** Bureau administration: campaigns, units, users and the progress dashboard. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { mutate, query } from '@/api/client.js';
import { toApiError, type ApiError } from '@/api/errors.js';
import * as op from '@/api/operations.js';
import type { Bureau, Campaign, CampaignProgress, UnitRef, User } from '@/api/types.js';

export const useAdminStore = defineStore('admin', () => {
  const bureau = ref<Bureau | null>(null);
  const campaigns = ref<Campaign[]>([]);
  const units = ref<UnitRef[]>([]);
  const users = ref<User[]>([]);
  const progress = ref<CampaignProgress | null>(null);
  const loading = ref(false);
  const error = ref<ApiError | null>(null);

  async function guarded<T>(fn: () => Promise<T>): Promise<T | undefined> {
    loading.value = true;
    try {
      const r = await fn();
      error.value = null;
      return r;
    } catch (e) {
      error.value = toApiError(e);
      return undefined;
    } finally {
      loading.value = false;
    }
  }

  const loadCampaigns = () =>
    guarded(async () => {
      campaigns.value = (await query(op.CAMPAIGNS, {})).campaigns;
    });
  const loadBureau = () =>
    guarded(async () => {
      bureau.value = (await query(op.MY_BUREAU, {})).myBureau;
    });
  const loadUnits = () =>
    guarded(async () => {
      units.value = (await query(op.UNITS, { includeInactive: true })).units;
    });
  const loadUsers = () =>
    guarded(async () => {
      users.value = (await query(op.USERS, { unitId: null })).users;
    });
  const loadProgress = (campaignId: string, warnings: { first: number; offset: number } = { first: 20, offset: 0 }) =>
    guarded(async () => {
      progress.value = (await query(op.CAMPAIGN_PROGRESS, { campaignId, warningsFirst: warnings.first, warningsOffset: warnings.offset })).campaignProgress;
    });

  // Mutations throw: the view shows the error next to the form that caused it.
  async function saveCampaign(input: op.CampaignInput, id?: string) {
    const c = id ? (await mutate(op.UPDATE_CAMPAIGN, { id, input })).updateCampaign : (await mutate(op.CREATE_CAMPAIGN, { input })).createCampaign;
    await loadCampaigns();
    return c;
  }
  /** Notice fields, then (while a draft) its weights and rules: both refused server-side with a reason when not allowed. */
  async function saveCampaignWithRules(fields: op.UpdateCampaignInput, id: string, rules: op.CampaignRulesInput | null) {
    await mutate(op.UPDATE_CAMPAIGN, { id, input: fields });
    if (rules) await mutate(op.UPDATE_CAMPAIGN_RULES, { id, input: rules });
    await loadCampaigns();
  }
  async function openCampaign(id: string) {
    const c = (await mutate(op.OPEN_CAMPAIGN, { id })).openCampaign;
    await loadCampaigns();
    return c;
  }
  async function createUnit(input: { code: string; name: string; category: string }) {
    await mutate(op.CREATE_UNIT, { input });
    await loadUnits();
  }
  async function setUnitActive(id: string, active: boolean) {
    await mutate(op.SET_UNIT_ACTIVE, { id, active });
    await loadUnits();
  }
  async function createUser(input: op.CreateUserInput) {
    await mutate(op.CREATE_USER, { input });
    await loadUsers();
  }
  async function setUserActive(id: string, active: boolean) {
    await mutate(op.SET_USER_ACTIVE, { id, active });
    await loadUsers();
  }
  /** 催报 one unit; throws (the dialog shows why). */
  async function remindUnit(packageId: string, message: string | null) {
    return (await mutate(op.REMIND_UNIT, { packageId, message })).remindUnit;
  }
  /** 催报 every overdue unit of the campaign. */
  async function remindOverdue(campaignId: string, message: string | null) {
    return (await mutate(op.REMIND_OVERDUE, { campaignId, message })).remindOverdue;
  }
  async function updateUser(id: string, input: { displayName?: string; phone?: string; email?: string | null; externalId?: string | null }) {
    await mutate(op.UPDATE_USER, { id, input });
    await loadUsers();
  }
  /** The outbox of mails and robot posts (throws: the view shows why). */
  async function loadDeliveries(status: string | null, first: number, offset: number) {
    return (await query(op.NOTIFICATION_DELIVERIES, { status, first, offset })).notificationDeliveries;
  }
  async function resetPassword(id: string, newPassword: string) {
    await mutate(op.RESET_USER_PASSWORD, { id, newPassword });
  }

  return {
    bureau,
    campaigns,
    units,
    users,
    progress,
    loading,
    error,
    loadCampaigns,
    loadBureau,
    loadUnits,
    loadUsers,
    loadProgress,
    saveCampaign,
    saveCampaignWithRules,
    openCampaign,
    createUnit,
    setUnitActive,
    createUser,
    setUserActive,
    resetPassword,
    remindUnit,
    remindOverdue,
    updateUser,
    loadDeliveries,
  };
});
