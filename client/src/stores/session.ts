/** Who is signed in. The router asks this store; the store never navigates. */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { BUREAU_ROLES, UNIT_ROLES, type Role } from '@zipin/shared';
import { mutate, query } from '@/api/client.js';
import { toApiError, type ApiError } from '@/api/errors.js';
import { CHANGE_PASSWORD, LOGIN, LOGOUT, ME, SIGN_IN_OPTIONS } from '@/api/operations.js';
import type { Me } from '@/api/types.js';

export const useSessionStore = defineStore('session', () => {
  const me = ref<Me | null>(null);
  const checked = ref(false);
  const error = ref<ApiError | null>(null);
  let pending: Promise<Me | null> | null = null;

  const role = computed<Role | null>(() => me.value?.role ?? null);
  const isUnitRole = computed(() => !!role.value && UNIT_ROLES.includes(role.value));
  const isBureauRole = computed(() => !!role.value && BUREAU_ROLES.includes(role.value));

  /** Asks the server once per page load (the session is an httpOnly cookie). */
  async function ensure(): Promise<Me | null> {
    if (checked.value) return me.value;
    pending ??= (async () => {
      try {
        me.value = (await query(ME, {})).me;
        error.value = null;
      } catch (e) {
        error.value = toApiError(e);
        me.value = null;
      } finally {
        checked.value = true;
        pending = null;
      }
      return me.value;
    })();
    return pending;
  }

  async function login(username: string, password: string): Promise<Me> {
    const data = await mutate(LOGIN, { input: { username: username.trim(), password } });
    me.value = data.login.user;
    checked.value = true;
    return me.value;
  }

  /** How the login page may sign people in (single sign-on's button, when configured). */
  async function signInOptions(): Promise<{ ssoLabel: string | null }> {
    return (await query(SIGN_IN_OPTIONS, {})).signInOptions;
  }

  /** Ends the local session; says whether it was opened through single sign-on (the provider's sign-out follows). */
  async function logout(): Promise<{ wasSso: boolean }> {
    const wasSso = me.value?.sessionMethod === 'OIDC';
    try {
      await mutate(LOGOUT, {});
    } finally {
      me.value = null;
      checked.value = true;
    }
    return { wasSso };
  }

  async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
    await mutate(CHANGE_PASSWORD, { input: { currentPassword, newPassword } });
    // The server has cleared the flag; the router lets the user on.
    if (me.value) me.value = { ...me.value, mustChangePassword: false };
  }

  /** The server said UNAUTHENTICATED somewhere: forget the user. */
  function expire() {
    me.value = null;
    checked.value = true;
  }

  return { me, checked, error, role, isUnitRole, isBureauRole, ensure, login, logout, signInOptions, changePassword, expire };
});
