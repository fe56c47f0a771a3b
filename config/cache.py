"""The cache in Redis, or, while Redis does not answer, in this process's memory.

The cache holds the API's throttle counts and the login form's failure counts. When Redis
is down they are kept per process for a while instead (docs/deploy.md, "When Redis is
down"): the limits still apply, per process rather than shared, and no request fails or
waits on Redis. After a failure Redis is tried again every RETRY_SECONDS.
"""

import logging
import time

import redis
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5.0
UNAVAILABLE = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)


def _either(name: str):
    def method(self, *args, **kwargs):
        if time.monotonic() >= self._retry_at:
            try:
                value = getattr(RedisCache, name)(self, *args, **kwargs)
            except UNAVAILABLE as error:
                self._down(error)
            else:
                self._up()
                return value
        return getattr(self._memory, name)(*args, **kwargs)

    method.__name__ = name
    return method


class FallbackRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        local = {key: value for key, value in params.items() if key != "OPTIONS"}
        self._memory = LocMemCache(f"redis-fallback:{server}", local)
        self._retry_at = 0.0
        self._failing = False

    def _down(self, error: Exception) -> None:
        self._retry_at = time.monotonic() + RETRY_SECONDS
        if not self._failing:
            self._failing = True
            logger.warning("Redis cache unreachable (%s): counting in this process", error)

    def _up(self) -> None:
        if self._failing:
            self._failing = False
            logger.warning("Redis cache answers again")

    add = _either("add")
    get = _either("get")
    set = _either("set")
    touch = _either("touch")
    delete = _either("delete")
    get_many = _either("get_many")
    has_key = _either("has_key")
    incr = _either("incr")
    set_many = _either("set_many")
    delete_many = _either("delete_many")
    clear = _either("clear")
