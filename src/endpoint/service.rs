//! The services awsmfa calls and where their calls go: the host names the SDK's resolver picks
//! (for messages), the variable naming each endpoint, and botocore's legacy global STS.

/// The global STS endpoint botocore's `sts_regional_endpoints = legacy` uses.
pub const LEGACY_GLOBAL_STS: &str = "https://sts.amazonaws.com";

/// botocore's `LEGACY_GLOBAL_STS_REGIONS`: the regions `legacy` sends to the global endpoint.
pub(super) const LEGACY_GLOBAL_STS_REGIONS: &[&str] = &[
    "ap-northeast-1",
    "ap-south-1",
    "ap-southeast-1",
    "ap-southeast-2",
    "aws-global",
    "ca-central-1",
    "eu-central-1",
    "eu-north-1",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "sa-east-1",
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
];

/// The services awsmfa calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Service {
    Sts,
    Iam,
}

impl Service {
    /// The service id in `[services]` blocks and variable names.
    pub(super) fn id(self) -> &'static str {
        match self {
            Service::Sts => "sts",
            Service::Iam => "iam",
        }
    }

    pub(super) fn name(self) -> &'static str {
        match self {
            Service::Sts => "STS",
            Service::Iam => "IAM",
        }
    }

    pub(super) fn services_key(self) -> &'static str {
        match self {
            Service::Sts => "endpoint_url of sts in the [services] section",
            Service::Iam => "endpoint_url of iam in the [services] section",
        }
    }

    /// The variable that names this service's endpoint: named in advice about the network.
    pub fn endpoint_var(self) -> &'static str {
        match self {
            Service::Sts => "AWS_ENDPOINT_URL_STS",
            Service::Iam => "AWS_ENDPOINT_URL_IAM",
        }
    }

    /// The host the SDK's resolver picks, for messages only.
    pub(super) fn host(self, region: &str, fips: bool, dual_stack: bool) -> String {
        let suffix = match (region.starts_with("cn-"), dual_stack) {
            (true, false) => "amazonaws.com.cn",
            (true, true) => "api.amazonwebservices.com.cn",
            (false, false) => "amazonaws.com",
            (false, true) => "api.aws",
        };
        let fips = if fips { "-fips" } else { "" };
        match self {
            Service::Sts => format!("sts{fips}.{region}.{suffix}"),
            Service::Iam => format!("iam{fips}.{suffix}"),
        }
    }
}

/// Where one service's calls go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The URL to send to; `None`: the SDK's endpoint resolver picks it from the region and
    /// the FIPS and dual-stack flags.
    pub url: Option<String>,
    pub signing_region: String,
    pub fips: bool,
    pub dual_stack: bool,
    /// The endpoint as messages name it.
    pub shown: String,
}
