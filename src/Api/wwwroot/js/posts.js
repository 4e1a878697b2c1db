// One post as a list item: who reposted it (in a feed), author (a link to the profile), text with #tags as links to
// their pages, likes, reposts and the comments, which open below the post.
import { api } from './api.js';
import { element, link, tagHref, userHref } from './dom.js';
import { toggleComments } from './comments.js';

// Matches the server's rule (api.md): # then 1-50 letters, digits or underscores, not after one of them.
const TAG = /(?<![\p{L}\p{Nd}_])#([\p{L}\p{Nd}_]{1,50})(?![\p{L}\p{Nd}_])/gu;

// The text as nodes: plain text, and a link for each of the post's tags.
function textWithTags(text, tags) {
  const paragraph = element('p', 'post-text');
  let last = 0;
  for (const match of text.matchAll(TAG)) {
    const tag = match[1].toLowerCase();
    if (!tags.includes(tag)) continue;
    paragraph.append(document.createTextNode(text.slice(last, match.index)), link(match[0], tagHref(tag), 'tag'));
    last = match.index + match[0].length;
  }
  paragraph.append(document.createTextNode(text.slice(last)));
  return paragraph;
}

export function postElement(post, onLike) {
  const li = element('li', 'post');
  li.dataset.postId = post.postId;
  li.dataset.testid = 'post';

  const header = element('header');
  const time = element('time', 'post-time', new Date(post.createdAt).toLocaleString());
  time.dateTime = post.createdAt;
  header.append(link(`@${post.authorHandle}`, userHref(post.authorHandle), 'post-author'), time);
  if (post.repostedBy) {
    const by = element('p', 'reposted-by muted', '↻ reposted by ');
    by.dataset.testid = 'reposted-by';
    by.append(link(`@${post.repostedBy.handle}`, userHref(post.repostedBy.handle)));
    li.append(by);
  }

  const like = element('button', 'like-button', '♥ Like');
  like.type = 'button';
  like.dataset.testid = 'like-button';
  like.addEventListener('click', () => onLike(post.postId, like.getAttribute('aria-pressed') !== 'true'));
  const likes = element('span', 'like-count');
  likes.dataset.testid = 'like-count';
  const comments = element('button', 'comment-count link-button');
  comments.type = 'button';
  comments.dataset.testid = 'comments-button';
  // A comment written here changes the count: read the post again (the hub only updates watched posts).
  comments.addEventListener('click', () => toggleComments(li, post.postId,
    async () => showCounts(li, await api('GET', `/posts/${encodeURIComponent(post.postId)}`))));
  const repost = element('button', 'repost-button', '↻ Repost');
  repost.type = 'button';
  repost.dataset.testid = 'repost-button';
  repost.addEventListener('click', async () => {
    const reposting = repost.getAttribute('aria-pressed') !== 'true';
    repost.disabled = true;
    try {
      await api(reposting ? 'PUT' : 'DELETE', `/posts/${encodeURIComponent(post.postId)}/repost`);
      showCounts(li, await api('GET', `/posts/${encodeURIComponent(post.postId)}`));
    } catch (error) {
      console.warn('repost failed', error);
    } finally {
      repost.disabled = false;
    }
  });
  const reposts = element('span', 'repost-count');
  reposts.dataset.testid = 'repost-count';
  const footer = element('footer');
  footer.append(like, likes, repost, reposts, comments);

  li.append(header, textWithTags(post.text, post.tags ?? []), footer);
  return li;
}

export function showCounts(li, { likes, comments, likedByMe, reposts, repostedByMe }) {
  li.querySelector('.like-count').textContent = `${likes} ${likes === 1 ? 'like' : 'likes'}`;
  if (reposts !== undefined) li.querySelector('.repost-count').textContent = `${reposts} ${reposts === 1 ? 'repost' : 'reposts'}`;
  if (repostedByMe !== undefined) {
    const repost = li.querySelector('.repost-button');
    repost.setAttribute('aria-pressed', String(repostedByMe));
    repost.textContent = repostedByMe ? '↻ Reposted' : '↻ Repost';
  }
  li.querySelector('.comment-count').textContent = `${comments} ${comments === 1 ? 'comment' : 'comments'}`;
  li.dataset.likes = likes;
  if (likedByMe !== undefined) {
    const like = li.querySelector('.like-button');
    like.setAttribute('aria-pressed', String(likedByMe));
    like.textContent = likedByMe ? '♥ Liked' : '♥ Like';
  }
}
