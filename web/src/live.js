// The push connection: SignalR hub /hubs/live, joined to the view the dispatcher picked. It reconnects on its own for
// as long as the page is open; after every (re)connect, and whenever the view changes, it joins the view again and
// the server sends a fresh snapshot of it.
import * as signalR from '@microsoft/signalr';

/** Retry quickly at first, then every 10 s, for ever: a control room screen never gives up. */
const retryPolicy = {
  nextRetryDelayInMilliseconds: ({ previousRetryCount }) => Math.min(500 * 2 ** previousRetryCount, 10000),
};

/**
 * handlers: { snapshot(s), frame(f), state(text) } where state is connecting|connected|reconnecting|disconnected;
 * initialView: the hub's view to join first. Returns { setView(view) }, which joins another view.
 */
export function connectLive(handlers, initialView) {
  let view = initialView;
  const connection = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/live')
    .withAutomaticReconnect(retryPolicy)
    .configureLogging(signalR.LogLevel.Warning)
    .build();

  connection.on('snapshot', handlers.snapshot);
  connection.on('frame', handlers.frame);
  connection.onreconnecting(() => handlers.state('reconnecting'));
  connection.onreconnected(() => join());
  // Automatic reconnect gave up or the first connect failed: start over.
  connection.onclose(() => start(1));

  async function join() {
    try {
      await connection.invoke('JoinView', view);
      handlers.state('connected');
    } catch (error) {
      console.warn('JoinView failed', error);
      handlers.state('disconnected');
      connection.stop(); // onclose starts over
    }
  }

  async function start(attempt) {
    handlers.state(attempt === 0 ? 'connecting' : 'reconnecting');
    for (let retry = attempt; ; retry++) {
      try {
        await connection.start();
        await join();
        return;
      } catch (error) {
        console.warn('Live connection failed', error);
        handlers.state('disconnected');
        await new Promise((resolve) => { setTimeout(resolve, retryPolicy.nextRetryDelayInMilliseconds({ previousRetryCount: retry })); });
      }
    }
  }

  start(0);
  return {
    setView(next) {
      view = next;
      // While (re)connecting the join that follows the connection takes the new view.
      if (connection.state === signalR.HubConnectionState.Connected) join();
    },
  };
}
