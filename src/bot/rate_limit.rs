//! A per-user sliding-window rate limit: at most N questions in any 60 seconds.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

const WINDOW: Duration = Duration::from_secs(60);
/// Users tracked at most; beyond that, idle users are forgotten first.
const MAX_USERS: usize = 10_000;

/// Remembers when each user asked within the last minute.
#[derive(Debug)]
pub struct RateLimiter {
    per_minute: u32,
    asked: HashMap<String, VecDeque<Instant>>,
}

impl RateLimiter {
    /// `per_minute == 0` turns the limit off.
    pub fn new(per_minute: u32) -> Self {
        RateLimiter {
            per_minute,
            asked: HashMap::new(),
        }
    }

    /// Records a question by `user` at `now`, or says how long to wait when over the limit
    /// (a refused question is not counted).
    pub fn check(&mut self, user: &str, now: Instant) -> Result<(), Duration> {
        if self.per_minute == 0 {
            return Ok(());
        }
        if self.asked.len() >= MAX_USERS && !self.asked.contains_key(user) {
            self.forget_idle(now);
        }
        let times = self.asked.entry(user.to_string()).or_default();
        while times
            .front()
            .is_some_and(|&t| now.saturating_duration_since(t) >= WINDOW)
        {
            times.pop_front();
        }
        if times.len() >= self.per_minute as usize {
            let oldest = times.front().copied().unwrap_or(now);
            return Err(WINDOW.saturating_sub(now.saturating_duration_since(oldest)));
        }
        times.push_back(now);
        Ok(())
    }

    fn forget_idle(&mut self, now: Instant) {
        self.asked.retain(|_, times| {
            times
                .back()
                .is_some_and(|&t| now.saturating_duration_since(t) < WINDOW)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_n_per_minute_per_user() {
        let mut limiter = RateLimiter::new(3);
        let start = Instant::now();
        for i in 0..3 {
            assert!(limiter.check("a", start + Duration::from_secs(i)).is_ok());
        }
        let wait = limiter
            .check("a", start + Duration::from_secs(10))
            .unwrap_err();
        assert_eq!(wait, Duration::from_secs(50));
        // Another user is not affected.
        assert!(limiter.check("b", start + Duration::from_secs(10)).is_ok());
        // The first question leaves the window after 60 s.
        assert!(limiter.check("a", start + Duration::from_secs(60)).is_ok());
        assert!(limiter.check("a", start + Duration::from_secs(60)).is_err());
    }

    #[test]
    fn zero_means_unlimited() {
        let mut limiter = RateLimiter::new(0);
        let now = Instant::now();
        for _ in 0..100 {
            assert!(limiter.check("a", now).is_ok());
        }
    }
}
