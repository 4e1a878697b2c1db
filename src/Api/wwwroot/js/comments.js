// A post's comments, opened under it: the first page, oldest first, "more" for the next, and a form to add one.
import { api } from './api.js';
import { element, link, userHref } from './dom.js';

function commentElement(comment) {
  const li = element('li', 'comment');
  li.dataset.testid = 'comment';
  li.append(link(`@${comment.authorHandle}`, userHref(comment.authorHandle), 'post-author'), element('span', 'comment-text', ` ${comment.text}`));
  return li;
}

async function loadPage(list, more, postId, cursor) {
  const page = await api('GET', `/posts/${encodeURIComponent(postId)}/comments${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`);
  list.append(...page.items.map(commentElement));
  more.hidden = !page.nextCursor;
  more.onclick = () => loadPage(list, more, postId, page.nextCursor);
}

// Opens (or closes) the comments under `li`; `onAdded` runs after the user adds one.
export async function toggleComments(li, postId, onAdded) {
  const open = li.querySelector('.comments');
  if (open) {
    open.remove();
    return;
  }

  const box = element('div', 'comments');
  box.dataset.testid = 'comments';
  const list = element('ol', 'comment-list');
  const more = element('button', 'small-button', 'More comments');
  more.type = 'button';
  const form = element('form', 'inline');
  const input = element('input');
  input.maxLength = 500;
  input.required = true;
  input.placeholder = 'Write a comment';
  input.dataset.testid = 'comment-text';
  const send = element('button', null, 'Comment');
  send.type = 'submit';
  send.dataset.testid = 'comment-submit';
  const error = element('span', 'error');
  form.append(input, send, error);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    error.textContent = '';
    try {
      list.append(commentElement(await api('POST', `/posts/${encodeURIComponent(postId)}/comments`, { text: input.value })));
      input.value = '';
      await onAdded();
    } catch (failure) {
      error.textContent = failure.message;
    }
  });
  box.append(list, more, form);
  li.append(box);
  await loadPage(list, more, postId, null);
}
