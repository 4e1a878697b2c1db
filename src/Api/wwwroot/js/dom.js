// Small DOM helpers. User text only ever goes through textContent.
export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function button(text, testId, onClick) {
  const node = element('button', 'small-button', text);
  node.type = 'button';
  if (testId) node.dataset.testid = testId;
  node.addEventListener('click', onClick);
  return node;
}

export function link(text, href, className) {
  const node = element('a', className, text);
  node.href = href;
  return node;
}

export const tagHref = tag => `#/tag/${encodeURIComponent(tag)}`;
export const userHref = handle => `#/user/${encodeURIComponent(handle)}`;

// A user summary as a list item: the handle, a link to the profile, then the display name.
export function userItem(user, testId) {
  const li = element('li', 'user');
  li.dataset.testid = testId;
  li.append(link(`@${user.handle}`, userHref(user.handle), 'post-author'), element('span', 'muted', ` ${user.displayName}`));
  return li;
}
