"""Module-level registries that a long-running worker fills and never empties."""
import time

# session id -> session data; sessions are added on login and never removed.
_SESSIONS = {}
# Every request seen, for "debugging".
_REQUEST_LOG = []
_SEEN_USERS = set()

_handled = []

# Clean: a bounded cache that evicts.
_RECENT_LIMIT = 100
_recent = {}


def login(user, token):
    session = {"user": user, "token": token, "since": time.time()}
    _SESSIONS[token] = session
    _SEEN_USERS.add(user)
    return session


def handle(request):
    _REQUEST_LOG.append((time.time(), request))
    session = _SESSIONS.get(request.get("token"))
    if session is None:
        return {"status": 401}
    return {"status": 200, "user": session["user"]}


def record(result):
    global _handled
    _handled.append(result)
    return len(_handled)


def remember(key, value):
    """Clean: the oldest entry goes once the limit is reached."""
    if len(_recent) >= _RECENT_LIMIT:
        _recent.pop(next(iter(_recent)))
    _recent[key] = value


def forget(key):
    _recent.pop(key, None)
