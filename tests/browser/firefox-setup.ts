// Playwright's BiDi Firefox cannot click or screenshot inside an iframe whose
// parent has a CSS transform, and vitest scales its tester iframe with one.
const host = window.frameElement?.parentElement;
if (host) host.style.transform = 'none';
