// Helpers for the hub tests: REST calls to the Api under test (PLAYBOUND_BASE_URL) and SignalR connections made with
// the official client, each recording every push it receives so a test can wait for one or assert there was none.
import { randomBytes } from 'node:crypto';
import * as signalR from '@microsoft/signalr';

export const baseUrl = process.env.PLAYBOUND_BASE_URL;
if (!baseUrl) throw new Error('PLAYBOUND_BASE_URL is not set: run these through tests/EndToEnd.Tests, or set it to a running Api');

const PUSHES = ['feedPost', 'notification', 'postUpdated'];

export async function rest(method, path, { token, body } = {}) {
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${baseUrl}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

// A new user with a unique handle: { userId, handle, accessToken, ... }.
export function register(prefix) {
  const handle = `${prefix}_${randomBytes(6).toString('hex')}`;
  return rest('POST', '/auth/register', { body: { handle, displayName: prefix, password: 'correct horse battery' } });
}

export const follow = (follower, followee) => rest('PUT', `/users/${followee.userId}/follow`, { token: follower.accessToken });
export const publish = (author, text) => rest('POST', '/posts', { token: author.accessToken, body: { text } });
export const like = (user, post) => rest('PUT', `/posts/${post.postId}/like`, { token: user.accessToken });

export function hub(accessTokenFactory) {
  return new signalR.HubConnectionBuilder()
    .withUrl(`${baseUrl}/hubs/feed`, accessTokenFactory ? { accessTokenFactory } : {})
    .configureLogging(signalR.LogLevel.None)
    .build();
}

// A started connection for the user that records its pushes; close it with stop().
export async function connect(user) {
  const connection = hub(() => user.accessToken);
  const received = [];
  const waiters = new Set();
  for (const name of PUSHES) {
    connection.on(name, payload => {
      received.push({ name, payload });
      for (const waiter of waiters) waiter();
    });
  }
  await connection.start();

  // Resolves with the first push named `name` whose payload matches, received before or within `ms`.
  function next(name, matches, ms = 10_000) {
    return new Promise((resolve, reject) => {
      const check = () => {
        const hit = received.find(push => push.name === name && matches(push.payload));
        if (!hit) return false;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(hit.payload);
        return true;
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no ${name} within ${ms} ms; received: ${JSON.stringify(received)}`));
      }, ms);
      if (!check()) waiters.add(check);
    });
  }

  return { connection, received, next, stop: () => connection.stop() };
}

export const delay = ms => new Promise(resolve => setTimeout(resolve, ms));
