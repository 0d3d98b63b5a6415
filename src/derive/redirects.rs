//! Alias redirects: for each old URL a page lists under `aliases`, a small
//! page, in the site's language, that sends browsers and crawlers to the
//! page's URL.

use super::{Body, OutputFile};
use crate::model::site::Site;
use crate::text::escape::escape_attr;

pub(crate) fn redirects(site: &Site) -> Vec<OutputFile> {
    let urls = site.urls();
    let language = &site.settings.config.language;
    let mut out = Vec::new();
    for page in &site.pages {
        for alias in &page.aliases {
            let href = urls.href(alias, &page.route, None);
            let html = redirect_page(language, &href, &urls.absolute(&page.route));
            out.push(OutputFile {
                path: alias.output_file(),
                body: Body::Bytes(html.into_bytes().into()),
                origin: format!("an alias of {}", page.source.file.path.display()),
            });
        }
    }
    out
}

fn redirect_page(language: &str, href: &str, absolute: &str) -> String {
    let language = escape_attr(language);
    let href = escape_attr(href);
    let absolute = escape_attr(absolute);
    format!(
        "<!doctype html>\n<html lang=\"{language}\">\n<head>\n<meta charset=\"utf-8\">\n<title>Moved</title>\n<link rel=\"canonical\" href=\"{absolute}\">\n<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url={href}\">\n</head>\n<body>\n<p>This page has moved to <a href=\"{href}\">{absolute}</a>.</p>\n</body>\n</html>\n"
    )
}
