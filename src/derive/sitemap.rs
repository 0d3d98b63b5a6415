//! `sitemap.xml` (every published page with its date) and `robots.txt`
//! (which points crawlers at the sitemap).

use super::{Body, OutputFile};
use crate::model::page::Page;
use crate::model::site::Site;
use crate::text::escape::escape_attr;
use crate::url::Route;

pub(crate) const SITEMAP: &str = "sitemap.xml";
pub(crate) const ROBOTS: &str = "robots.txt";

pub(crate) fn sitemap(site: &Site) -> OutputFile {
    let urls = site.urls();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut published: Vec<&Page> = site
        .pages
        .iter()
        .filter(|p| !p.source.front.draft)
        .collect();
    published.sort_by(|a, b| a.route.cmp(&b.route));
    for page in published {
        xml.push_str("  <url><loc>");
        xml.push_str(&escape_attr(&urls.absolute(&page.route)));
        xml.push_str("</loc>");
        if let Some(date) = &page.source.front.date {
            xml.push_str(&format!("<lastmod>{date}</lastmod>"));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    OutputFile {
        path: SITEMAP.into(),
        body: Body::Bytes(xml.into_bytes().into()),
        origin: "the sitemap".into(),
    }
}

pub(crate) fn robots(site: &Site) -> OutputFile {
    let text = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        site.urls().absolute(&Route::file(SITEMAP))
    );
    OutputFile {
        path: ROBOTS.into(),
        body: Body::Bytes(text.into_bytes().into()),
        origin: "robots.txt".into(),
    }
}
