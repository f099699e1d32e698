import type { Redis } from "ioredis";
import {
  type IRateLimiterOptions,
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from "rate-limiter-flexible";
import { AppError } from "../errors.ts";

export interface LimiterSettings {
  ipPerMinute: number;
  userPerMinute: number;
  /** Log-in attempts per account and IP, sign-ups per IP, password changes per user: per 15 minutes. */
  authPer15Minutes: number;
}

export interface Limiters {
  /** Every request, by client IP (the HTTP edge applies it). */
  ip: RateLimiterAbstract;
  /** Every authenticated call, by user or API key. */
  principal: RateLimiterAbstract;
  logInByAccount: RateLimiterAbstract;
  logInByIp: RateLimiterAbstract;
  signUpByIp: RateLimiterAbstract;
  passwordChangeByUser: RateLimiterAbstract;
  /** Live SMTP/IMAP checks per workspace: each one opens connections to a host the user chose. */
  connectionCheckByWorkspace: RateLimiterAbstract;
}

const FIFTEEN_MINUTES = 15 * 60;

/**
 * With Redis the counters are shared by every API instance; without it (the single-process embedded trial)
 * they live in memory.
 */
export function createLimiters(settings: LimiterSettings, redis: Redis | null, namespace = "mf"): Limiters {
  const make = (name: string, points: number, duration: number): RateLimiterAbstract => {
    const options: IRateLimiterOptions = { keyPrefix: `${namespace}:rl:${name}`, points, duration };
    if (!redis) return new RateLimiterMemory(options);
    // If Redis is unreachable, limit in memory rather than fail every request or stop limiting.
    return new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: new RateLimiterMemory(options) });
  };
  return {
    ip: make("ip", settings.ipPerMinute, 60),
    principal: make("principal", settings.userPerMinute, 60),
    logInByAccount: make("login-account", settings.authPer15Minutes, FIFTEEN_MINUTES),
    logInByIp: make("login-ip", settings.authPer15Minutes * 10, FIFTEEN_MINUTES),
    signUpByIp: make("signup-ip", settings.authPer15Minutes, FIFTEEN_MINUTES),
    passwordChangeByUser: make("password-change", settings.authPer15Minutes, FIFTEEN_MINUTES),
    connectionCheckByWorkspace: make("connection-check", settings.authPer15Minutes * 6, FIFTEEN_MINUTES),
  };
}

/** Takes one point or throws RATE_LIMITED with the seconds until the next allowed attempt. */
export async function consume(limiter: RateLimiterAbstract, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new AppError("RATE_LIMITED", `Too many attempts. Try again in ${retryAfterSeconds} seconds.`, {
        retryAfterSeconds,
      });
    }
    throw rejection;
  }
}
