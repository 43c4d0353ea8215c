/** The numbers of the skupper seed, in virtual milliseconds unless said otherwise. */

/** "the few (default 4) I/O threads". */
export const IO_THREADS = 4;
/** "nearly 100 short-lived TCP client connections simultaneously". */
export const CONNECTIONS = 100;
/** "loading a cert file ... I've observed this operation taking nearly a second". */
export const CERT_RELOAD = 950;
/** A TLS handshake's share of an I/O thread once the certificates are loaded. */
export const HANDSHAKE = 5;
/** Servicing the proactor timer: a few microseconds of work, rounded up to the clock's grain. */
export const TIMER_WORK = 1;
/**
 * The clients' connections all arrive before the clock moves ("simultaneously"). Any spread would
 * let the explorer interleave each arrival with each 5 ms handshake, millions of worlds that tell
 * nothing new: the threads are just as blocked.
 */
export const ARRIVAL_SPREAD = 0;
/** The router's periodic timer (PN_PROACTOR_TIMEOUT) drives a heartbeat to its peer this often. */
export const HEARTBEAT_PERIOD = 1_000;
/** The peer declares the link lost ("timeout errors") after this long without a heartbeat. */
export const PEER_TIMEOUT = 3_000;
/** Heartbeats take at most this long on the wire. */
export const WIRE_LATENCY = 10;
/** How late the proactor timer may be serviced before a reviewer calls it starved. */
export const LATENESS_LIMIT = 500;
/** Simulated runs cover a minute of router time. */
export const RUN_LENGTH = 60_000;
