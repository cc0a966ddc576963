//! The client-wide retry budget against a loopback server: it drains under a full outage,
//! refills with successes, and is shared by every clone of a runtime.

use std::time::Duration;

use metapack_core::{CallSettings, Credentials, RetryBudget, RetryPolicy, Runtime, Timeouts};
use metapack_testkit::{ScriptedServer as Server, status};

/// Three attempts without backoff delays (nothing here depends on timing).
fn policy(budget: RetryBudget) -> RetryPolicy {
    RetryPolicy::default()
        .with_max_attempts(3)
        .with_base_delay(Duration::ZERO)
        .with_max_delay(Duration::ZERO)
        .with_retry_budget(budget)
}

fn runtime(budget: RetryBudget) -> (Runtime, reqwest::Client) {
    Runtime::builder("metapack-test", "9.9.9")
        .credentials(Credentials::None)
        .retry_policy(policy(budget))
        .timeouts(Timeouts::default())
        .build()
        .expect("runtime")
}

/// Sends one GET and returns its final status and the requests it made.
async fn get(rt: &Runtime, http: &reqwest::Client, server: &Server) -> (u16, usize) {
    let before = server.hit_count();
    let request = http.get(server.url("/things")).build().expect("request");
    let response = rt
        .execute(http, request, "getThings")
        .await
        .expect("response");
    (response.status().as_u16(), server.hit_count() - before)
}

#[tokio::test]
async fn a_full_outage_drains_the_budget_to_one_request_per_call() {
    let server = Server::start(vec![status(503)]).await;
    let (rt, http) = runtime(RetryBudget::default());
    let calls = 1_000;
    let mut per_call = Vec::with_capacity(calls);
    for _ in 0..calls {
        let (code, sent) = get(&rt, &http, &server).await;
        assert_eq!(code, 503);
        per_call.push(sent);
    }
    let total = server.hit_count();
    println!(
        "full outage, default budget: {total} requests for {calls} calls ({:.3} per call)",
        total as f64 / calls as f64
    );
    // 500 tokens at 5 per retry: 100 retries in all, taken by the first 50 calls.
    assert_eq!(total, calls + 100);
    assert!(
        per_call[..50].iter().all(|&n| n == 3),
        "{:?}",
        &per_call[..50]
    );
    assert!(per_call[50..].iter().all(|&n| n == 1));
    assert_eq!(rt.retry_budget_available(), Some(0));
}

#[tokio::test]
async fn without_a_budget_every_failing_call_makes_every_attempt() {
    let server = Server::start(vec![status(503)]).await;
    let (rt, http) = runtime(RetryBudget::disabled());
    let calls = 200;
    for _ in 0..calls {
        assert_eq!(get(&rt, &http, &server).await, (503, 3));
    }
    let total = server.hit_count();
    println!(
        "full outage, no budget: {total} requests for {calls} calls ({:.3} per call)",
        total as f64 / calls as f64
    );
    assert_eq!(total, 3 * calls);
    assert_eq!(rt.retry_budget_available(), None);
}

#[tokio::test]
async fn successes_refill_the_budget_and_retries_resume() {
    let mut script = vec![status(503); 4];
    script.extend(vec![status(200); 5]);
    script.extend([status(503), status(200)]);
    let server = Server::start(script).await;
    let (rt, http) = runtime(RetryBudget::default().with_capacity(10));

    // Two retries drain the 10 tokens; the next failing call gets none.
    assert_eq!(get(&rt, &http, &server).await, (503, 3));
    assert_eq!(rt.retry_budget_available(), Some(0));
    assert_eq!(get(&rt, &http, &server).await, (503, 1));
    // Five answered calls put back one token each.
    for _ in 0..5 {
        assert_eq!(get(&rt, &http, &server).await, (200, 1));
    }
    assert_eq!(rt.retry_budget_available(), Some(5));
    // Enough for a retry again; answered, it gives its 5 tokens back.
    assert_eq!(get(&rt, &http, &server).await, (200, 2));
    assert_eq!(rt.retry_budget_available(), Some(5));
}

#[tokio::test]
async fn a_refund_never_exceeds_the_capacity() {
    let server = Server::start(vec![status(404)]).await;
    let (rt, http) = runtime(RetryBudget::default().with_capacity(7));
    for _ in 0..3 {
        assert_eq!(get(&rt, &http, &server).await, (404, 1));
    }
    assert_eq!(rt.retry_budget_available(), Some(7));
}

#[tokio::test]
async fn clones_share_one_budget() {
    let server = Server::start(vec![status(503)]).await;
    let (rt, http) = runtime(RetryBudget::default().with_capacity(10));
    let clone = rt.clone();
    let unsafe_clone = rt.with_retry_unsafe();
    let per_call = rt.with_call_settings(CallSettings::new().timeouts(Timeouts::default()));

    assert_eq!(get(&clone, &http, &server).await, (503, 3));
    for runtime in [&rt, &clone, &unsafe_clone, &per_call] {
        assert_eq!(runtime.retry_budget_available(), Some(0));
        assert_eq!(get(runtime, &http, &server).await, (503, 1));
    }
    // Built again, a client starts with a full bucket of its own.
    let (other, http) = runtime(RetryBudget::default().with_capacity(10));
    assert_eq!(get(&other, &http, &server).await, (503, 3));
}

#[tokio::test]
async fn a_call_whose_policy_has_no_budget_is_not_limited_by_it() {
    let server = Server::start(vec![status(503)]).await;
    let (rt, http) = runtime(RetryBudget::default().with_capacity(5));
    assert_eq!(get(&rt, &http, &server).await, (503, 2));
    assert_eq!(rt.retry_budget_available(), Some(0));
    let exempt =
        rt.with_call_settings(CallSettings::new().retry_policy(policy(RetryBudget::disabled())));
    assert_eq!(get(&exempt, &http, &server).await, (503, 3));
    assert_eq!(get(&rt, &http, &server).await, (503, 1));
}

#[tokio::test]
async fn post_is_never_retried_by_the_budget_either() {
    // The budget only limits retries the rules allow: a POST after a 503 is still sent once.
    let server = Server::start(vec![status(503)]).await;
    let (rt, http) = runtime(RetryBudget::default());
    let request = http
        .post(server.url("/things"))
        .body("{}")
        .build()
        .expect("request");
    let response = rt
        .execute(&http, request, "createThing")
        .await
        .expect("response");
    assert_eq!(response.status(), 503);
    assert_eq!(server.hit_count(), 1);
    assert_eq!(rt.retry_budget_available(), Some(500));
}
