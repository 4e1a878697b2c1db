// The live connection to /hubs/feed through the official SignalR client (global `signalR`, loaded before this module).
// It keeps the watched posts across reconnects, since the server forgets a connection's watches when it drops.
import { accessToken, currentUser } from './api.js';

const RESTART_DELAY_MS = 2000;
const watched = new Set();
let connection = null;

function showState(state) {
  const status = document.getElementById('live-status');
  status.dataset.state = state;
  status.textContent = state;
}

// handlers: { feedPost(post), notification(n), postUpdated({postId, likes, comments}) }; resync() after a reconnect.
export async function connect(handlers, resync) {
  await disconnect();
  const current = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/feed', { accessTokenFactory: accessToken })
    .withAutomaticReconnect()
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  connection = current;
  for (const [name, handler] of Object.entries(handlers)) current.on(name, handler);

  const resume = () => {
    showState('live');
    watched.forEach(invokeWatch);
  };
  current.onreconnecting(() => showState('connecting'));
  current.onreconnected(() => {
    resume();
    resync().catch(error => console.warn('resync failed', error));
  });
  // The server closes a connection whose access token expired, and automatic reconnects give up after a while: start
  // again (with a fresh token) until the page closes it or logs out. Only the caller's first start needs no resync.
  let first = true;
  const start = async () => {
    if (connection !== current || !currentUser()) return;
    const resyncAfter = !first;
    first = false;
    showState('connecting');
    try {
      await current.start();
    } catch (error) {
      showState('offline');
      console.warn('live updates unavailable', error);
      setTimeout(start, RESTART_DELAY_MS);
      return;
    }
    resume();
    if (resyncAfter) resync().catch(error => console.warn('resync failed', error));
  };
  current.onclose(() => {
    showState('offline');
    setTimeout(start, RESTART_DELAY_MS);
  });
  await start();
}

function invokeWatch(postId) {
  if (connection?.state === signalR.HubConnectionState.Connected) {
    connection.invoke('WatchPost', postId).catch(error => console.warn('WatchPost failed', postId, error));
  }
}

export function watch(postId) {
  if (watched.has(postId)) return;
  watched.add(postId);
  invokeWatch(postId);
}

export async function disconnect() {
  watched.clear();
  const closing = connection;
  connection = null;
  showState('offline');
  if (closing) await closing.stop();
}
