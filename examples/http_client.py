"""A small HTTP client with retries: the exceptions it keeps hold whole call stacks alive."""
import functools
import logging
import socket
import time
import urllib.request

log = logging.getLogger(__name__)


class FetchError(Exception):
    pass


class Client:
    def __init__(self, base_url, retries=3, timeout=5.0):
        self.base_url = base_url.rstrip("/")
        self.retries = retries
        self.timeout = timeout
        # url -> the exception of its last failed attempt, kept for the status page.
        self.failures = {}
        self.last_error = None
        self.trace = open("/tmp/http_client.trace", "a")

    @functools.lru_cache(maxsize=None)
    def resolve(self, host):
        """Looks a host up once; the cache keeps this client (and its sockets) alive for ever."""
        return socket.gethostbyname(host)

    def fetch(self, path):
        url = f"{self.base_url}/{path.lstrip('/')}"
        last = None
        for attempt in range(self.retries):
            try:
                with urllib.request.urlopen(url, timeout=self.timeout) as response:
                    body = response.read()
                    self.trace.write(f"{url} {len(body)}\n")
                    return body
            except OSError as exc:
                last = exc
                self.failures[url] = exc
                log.warning("attempt %d for %s failed: %s", attempt + 1, url, exc)
                time.sleep(0.1 * 2**attempt)
        raise FetchError(url) from last

    def fetch_many(self, paths):
        results = {}
        for path in paths:
            try:
                results[path] = self.fetch(path)
            except FetchError as err:
                self.last_error = err
        return results

    def close(self):
        self.trace.close()


def fetch_json(url):
    """Clean: the exception is re-raised inside the block and nothing outlives it."""
    import json

    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return json.load(response)
    except OSError as exc:
        raise FetchError(url) from exc


def download(url, target):
    out = open(target, "wb")
    with urllib.request.urlopen(url) as response:
        out.write(response.read())
    return target
