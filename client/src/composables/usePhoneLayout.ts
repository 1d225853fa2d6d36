import { onBeforeUnmount, onMounted, ref } from 'vue';

/** Narrower than this is a phone held upright (390 px is the one the journeys try). */
export const PHONE_QUERY = '(max-width: 640px)';

/**
 * A view that works on a phone says so while it is shown: the page then drops the desk layout's
 * minimum width and stacks its columns (styles/app.css, `.phone-ready`). Views that do not say
 * so keep the desk layout and scroll sideways, as before. `isPhone` follows the window.
 */
let holders = 0;

export function usePhoneLayout() {
  const isPhone = ref(typeof window !== 'undefined' && window.matchMedia(PHONE_QUERY).matches);
  let mql: MediaQueryList | null = null;
  const update = (e: MediaQueryListEvent | MediaQueryList) => (isPhone.value = e.matches);
  onMounted(() => {
    holders += 1;
    document.documentElement.classList.add('phone-ready');
    mql = window.matchMedia(PHONE_QUERY);
    update(mql);
    mql.addEventListener('change', update);
  });
  onBeforeUnmount(() => {
    // A view and a component inside it may both hold it; the last one out takes it off.
    holders = Math.max(0, holders - 1);
    if (!holders) document.documentElement.classList.remove('phone-ready');
    mql?.removeEventListener('change', update);
  });
  return { isPhone };
}
