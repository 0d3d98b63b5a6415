//! URLs: the one place that turns a route inside the site into the href a
//! page writes.
//!
//! A [`Route`] names an output location relative to the site root: `""` is
//! the home page, `aspects/speed/` a page (written as `aspects/speed/index.html`),
//! `assets/main.1a2b3c.css` a file. [`UrlBuilder`] makes hrefs from a route:
//! absolute paths under base_url's path by default, or paths relative to the
//! page being written (naming `index.html` explicitly, so `file://` works)
//! when `relative_urls` is on.

mod base;
mod builder;
mod link;
mod route;

pub use base::BaseUrl;
pub use builder::UrlBuilder;
pub use link::{LinkKind, classify, is_safe_url, is_site_path, percent_decode, split_fragment};
pub use route::Route;
