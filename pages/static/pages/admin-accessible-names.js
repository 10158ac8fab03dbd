// Kopiena: accessible names the Wagtail page editor leaves out (axe: aria-input-field-name, label).
// The rich text editor's textbox is not tied to its label: https://github.com/wagtail/wagtail/issues/14205
// StreamField field blocks render no <label> for their input:  https://github.com/wagtail/wagtail/issues/11179
// Both are named after the label or block heading a sighted editor reads; remove this file once
// Wagtail names them itself (tests/browser/test_admin.py then still passes without it).
(() => {
  const unnamed = (el) =>
    !el.hasAttribute('aria-label') &&
    !el.hasAttribute('aria-labelledby') &&
    !(el.labels && el.labels.length);

  const headingOf = (el) => {
    const section = el.closest('section[aria-labelledby]');
    return section && document.getElementById(section.getAttribute('aria-labelledby'));
  };

  const labelFor = (id) => {
    const label = id && document.querySelector(`label[for="${CSS.escape(id)}"]`);
    if (label && !label.id) label.id = `${id}-label`;
    return label;
  };

  const name = () => {
    document
      .querySelectorAll('.public-DraftEditor-content[role="textbox"]')
      .forEach((box) => {
        if (!unnamed(box)) return;
        const field = box.closest('[data-field-input]');
        const source = field && field.querySelector('input[type="hidden"][id]');
        const label = labelFor(source && source.id) || headingOf(box);
        if (label) box.setAttribute('aria-labelledby', label.id);
      });
    document
      .querySelectorAll(
        '[data-streamfield-child] input:not([type="hidden"]), [data-streamfield-child] textarea, [data-streamfield-child] select',
      )
      .forEach((input) => {
        if (!unnamed(input)) return;
        const heading = headingOf(input);
        if (heading) input.setAttribute('aria-labelledby', heading.id);
      });
  };

  let queued = false;
  const schedule = () => {
    if (queued) return;
    queued = true;
    window.requestAnimationFrame(() => {
      queued = false;
      name();
    });
  };
  document.addEventListener('DOMContentLoaded', () => {
    name();
    new MutationObserver(schedule).observe(document.body, { childList: true, subtree: true });
  });
})();
