import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import type { Role } from '@zipin/shared';
import { useSessionStore } from '@/stores/session.js';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in (login; the public portal is served by the API itself). */
    public?: boolean;
    /** Roles allowed; absent = any signed-in user. */
    roles?: Role[];
    layout?: 'app' | 'bare';
  }
}

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('@/features/common/views/LoginView.vue'), meta: { public: true, layout: 'bare' } },
  { path: '/change-password', name: 'change-password', component: () => import('@/features/common/views/ChangePasswordView.vue'), meta: { layout: 'bare' } },
  { path: '/', name: 'home', component: () => import('@/features/common/views/HomeView.vue') },
  { path: '/packages/:id', name: 'package', component: () => import('@/features/common/views/PackageRouteView.vue'), props: true },
  {
    path: '/review',
    name: 'review-queue',
    component: () => import('@/features/reviewer/views/ReviewQueueView.vue'),
    meta: { roles: ['SUPERVISOR', 'REVIEWER', 'ADMIN'] },
  },
  {
    path: '/admin/campaigns',
    name: 'admin-campaigns',
    component: () => import('@/features/admin/views/CampaignsView.vue'),
    meta: { roles: ['ADMIN'] },
  },
  {
    path: '/admin/assignments',
    name: 'admin-assignments',
    component: () => import('@/features/admin/views/AssignmentsView.vue'),
    meta: { roles: ['ADMIN'] },
  },
  { path: '/admin/org', name: 'admin-org', component: () => import('@/features/admin/views/OrgView.vue'), meta: { roles: ['ADMIN'] } },
  {
    path: '/admin/publications',
    name: 'admin-publications',
    component: () => import('@/features/admin/views/PublicationsView.vue'),
    meta: { roles: ['ADMIN', 'REVIEWER'] },
  },
  {
    path: '/admin/dashboard',
    name: 'admin-dashboard',
    component: () => import('@/features/admin/views/DashboardView.vue'),
    meta: { roles: ['ADMIN', 'REVIEWER'] },
  },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('@/features/common/views/NotFoundView.vue'), meta: { public: true } },
];

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
});

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  const session = useSessionStore();
  const me = await session.ensure();
  if (!me) return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} };
  // An admin-set password opens nothing but the page to replace it (the server refuses the rest too).
  if (me.mustChangePassword && to.name !== 'change-password') {
    return { name: 'change-password', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} };
  }
  if (to.meta.roles && !to.meta.roles.includes(me.role)) return { name: 'home' };
  return true;
});
