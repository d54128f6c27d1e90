// The course index is a <details>: open by default on wide screens (it is a sidebar there),
// closed on narrow ones (it would push the lesson down).
export function initCourseMenu(): void {
  const wide = window.matchMedia('(min-width: 1000px)');
  const sync = (): void => {
    for (const d of document.querySelectorAll<HTMLDetailsElement>('[data-course-menu]')) d.open = wide.matches;
  };
  wide.addEventListener('change', sync);
  sync();
}
