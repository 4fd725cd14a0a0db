// PurgeCSS settings for a built site (tipcourse.publish.slim runs the purgecss CLI in the
// site's folder, naming the stylesheets to trim with --css).
module.exports = {
  // Every page and script of the site decides which rules are used.
  content: ["**/*.html", "**/*.js"],
  safelist: {
    // Selectors PurgeCSS cannot see in the built files, because a script puts them together
    // at run time or a browser state sets them: keyboard focus rings, Bootstrap's tooltips
    // (placed by Popper), and the colour mode attributes set on <html>.
    greedy: [/focus-visible/, /bs-tooltip-/, /popper/, /data-theme/, /data-mode/],
  },
};
