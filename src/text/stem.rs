//! The Porter stemmer as in Martin Porter's reference implementation
//! (tartarus.org): the 1980 algorithm with the reference code's departures
//! in step 2 (`bli` → `ble` in place of `abli` → `able`, and the extra rule
//! `logi` → `log`). Mirrored line for line by `stem` in
//! `themes/default/static/js/search-text.js`.

/// The stem of a token made of ASCII `a`–`z` and longer than 2; any other
/// token is returned unchanged.
pub fn stem(token: &str) -> String {
    if token.len() <= 2 || !token.bytes().all(|b| b.is_ascii_lowercase()) {
        return token.to_string();
    }
    let mut s = Stemmer {
        b: token.as_bytes().to_vec(),
        j: 0,
    };
    s.step1ab();
    if s.b.len() > 1 {
        s.step1c();
        s.step2();
        s.step3();
        s.step4();
        s.step5();
    }
    String::from_utf8(s.b).expect("ASCII")
}

/// The word is `b` (its end is `k` of the reference code, `b.len() - 1`);
/// `j` is the length of the stem before the suffix last matched by `ends`.
struct Stemmer {
    b: Vec<u8>,
    j: usize,
}

impl Stemmer {
    fn cons(&self, i: usize) -> bool {
        match self.b[i] {
            b'a' | b'e' | b'i' | b'o' | b'u' => false,
            b'y' => i == 0 || !self.cons(i - 1),
            _ => true,
        }
    }

    /// m, the number of VC sequences in `b[..j]`.
    fn m(&self) -> usize {
        let j = self.j;
        let mut n = 0;
        let mut i = 0;
        while i < j && self.cons(i) {
            i += 1;
        }
        loop {
            while i < j && !self.cons(i) {
                i += 1;
            }
            if i >= j {
                return n;
            }
            while i < j && self.cons(i) {
                i += 1;
            }
            n += 1;
        }
    }

    /// Whether `b[..j]` holds a vowel.
    fn vowel_in_stem(&self) -> bool {
        (0..self.j).any(|i| !self.cons(i))
    }

    /// Whether `b[i-1..=i]` is a double consonant.
    fn doublec(&self, i: usize) -> bool {
        i >= 1 && self.b[i] == self.b[i - 1] && self.cons(i)
    }

    /// Whether `b[i-2..=i]` is consonant–vowel–consonant, the last not w, x, y.
    fn cvc(&self, i: usize) -> bool {
        i >= 2
            && self.cons(i)
            && !self.cons(i - 1)
            && self.cons(i - 2)
            && !matches!(self.b[i], b'w' | b'x' | b'y')
    }

    fn ends(&mut self, s: &str) -> bool {
        if self.b.ends_with(s.as_bytes()) {
            self.j = self.b.len() - s.len();
            true
        } else {
            false
        }
    }

    /// Replaces the suffix after `j` with `s`.
    fn set_to(&mut self, s: &str) {
        self.b.truncate(self.j);
        self.b.extend_from_slice(s.as_bytes());
    }

    fn r(&mut self, s: &str) {
        if self.m() > 0 {
            self.set_to(s);
        }
    }

    fn last(&self) -> u8 {
        self.b[self.b.len() - 1]
    }

    /// The letter before the last (0 when there is none).
    fn penult(&self) -> u8 {
        let n = self.b.len();
        if n >= 2 { self.b[n - 2] } else { 0 }
    }

    /// Plurals, -ed, -ing.
    fn step1ab(&mut self) {
        if self.last() == b's' {
            if self.ends("sses") {
                self.b.truncate(self.b.len() - 2);
            } else if self.ends("ies") {
                self.set_to("i");
            } else if self.penult() != b's' {
                self.b.pop();
            }
        }
        if self.ends("eed") {
            if self.m() > 0 {
                self.b.pop();
            }
        } else if (self.ends("ed") || self.ends("ing")) && self.vowel_in_stem() {
            self.b.truncate(self.j);
            if self.ends("at") {
                self.set_to("ate");
            } else if self.ends("bl") {
                self.set_to("ble");
            } else if self.ends("iz") {
                self.set_to("ize");
            } else if self.doublec(self.b.len() - 1) {
                if !matches!(self.last(), b'l' | b's' | b'z') {
                    self.b.pop();
                }
            } else {
                self.j = self.b.len();
                if self.m() == 1 && self.cvc(self.b.len() - 1) {
                    self.set_to("e");
                }
            }
        }
    }

    /// Terminal y → i when the stem holds a vowel.
    fn step1c(&mut self) {
        if self.ends("y") && self.vowel_in_stem() {
            let n = self.b.len();
            self.b[n - 1] = b'i';
        }
    }

    /// Double suffixes to single ones, when m > 0. The first suffix that
    /// matches ends the step, whether or not its rule applies.
    fn step2(&mut self) {
        let rules: &[(&str, &str)] = match self.penult() {
            b'a' => &[("ational", "ate"), ("tional", "tion")],
            b'c' => &[("enci", "ence"), ("anci", "ance")],
            b'e' => &[("izer", "ize")],
            b'l' => &[
                ("bli", "ble"),
                ("alli", "al"),
                ("entli", "ent"),
                ("eli", "e"),
                ("ousli", "ous"),
            ],
            b'o' => &[("ization", "ize"), ("ation", "ate"), ("ator", "ate")],
            b's' => &[
                ("alism", "al"),
                ("iveness", "ive"),
                ("fulness", "ful"),
                ("ousness", "ous"),
            ],
            b't' => &[("aliti", "al"), ("iviti", "ive"), ("biliti", "ble")],
            b'g' => &[("logi", "log")],
            _ => &[],
        };
        self.first_rule(rules);
    }

    /// -ic-, -full, -ness etc., when m > 0.
    fn step3(&mut self) {
        let rules: &[(&str, &str)] = match self.last() {
            b'e' => &[("icate", "ic"), ("ative", ""), ("alize", "al")],
            b'i' => &[("iciti", "ic")],
            b'l' => &[("ical", "ic"), ("ful", "")],
            b's' => &[("ness", "")],
            _ => &[],
        };
        self.first_rule(rules);
    }

    fn first_rule(&mut self, rules: &[(&str, &str)]) {
        if let Some(&(_, to)) = rules.iter().find(|(from, _)| self.ends(from)) {
            self.r(to);
        }
    }

    /// -ant, -ence etc., when m > 1.
    fn step4(&mut self) {
        let matched = match self.penult() {
            b'a' => self.ends("al"),
            b'c' => self.ends("ance") || self.ends("ence"),
            b'e' => self.ends("er"),
            b'i' => self.ends("ic"),
            b'l' => self.ends("able") || self.ends("ible"),
            b'n' => self.ends("ant") || self.ends("ement") || self.ends("ment") || self.ends("ent"),
            b'o' => {
                (self.ends("ion") && self.j > 0 && matches!(self.b[self.j - 1], b's' | b't'))
                    || self.ends("ou")
            }
            b's' => self.ends("ism"),
            b't' => self.ends("ate") || self.ends("iti"),
            b'u' => self.ends("ous"),
            b'v' => self.ends("ive"),
            b'z' => self.ends("ize"),
            _ => false,
        };
        if matched && self.m() > 1 {
            self.b.truncate(self.j);
        }
    }

    /// A final -e when m > 1 (or m = 1 and not *o); -ll → -l when m > 1.
    fn step5(&mut self) {
        self.j = self.b.len();
        if self.last() == b'e' {
            let a = self.m();
            if a > 1 || (a == 1 && !self.cvc(self.b.len() - 2)) {
                self.b.pop();
            }
        }
        // The reference code measures m here with the -e still counted; a
        // final vowel never changes m.
        self.j = self.b.len();
        if self.last() == b'l' && self.doublec(self.b.len() - 1) && self.m() > 1 {
            self.b.pop();
        }
    }
}
