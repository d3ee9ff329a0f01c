//! A Rust SDK program that finds its credentials the way every SDK does (aws-config's default
//! chain, here reaching the container provider) and prints who STS says it is: the Rust SDK as
//! a consumer of `awsmfa exec --server` in the tests.
//!
//!   awsmfa exec --server PROFILE -- container_consumer   ->   the assumed role's ARN

use aws_config::BehaviorVersion;
use aws_sdk_sts::error::DisplayErrorContext;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    use aws_smithy_http_client::tls::{Provider, rustls_provider::CryptoMode};
    // The same rustls/ring client awsmfa uses (aws-config brings none without its defaults).
    let http = aws_smithy_http_client::Builder::new()
        .tls_provider(Provider::Rustls(CryptoMode::Ring))
        .build_https();
    let conf = aws_config::defaults(BehaviorVersion::latest())
        .http_client(http)
        .load()
        .await;
    match aws_sdk_sts::Client::new(&conf)
        .get_caller_identity()
        .send()
        .await
    {
        Ok(out) => println!("{}", out.arn().unwrap_or_default()),
        Err(e) => {
            eprintln!("container_consumer: {}", DisplayErrorContext(&e));
            std::process::exit(1);
        }
    }
}
