/* Click-to-load video: until this click nothing is requested from another host. The click
   replaces the local poster with YouTube's privacy-enhanced (youtube-nocookie.com) player. */
document.addEventListener("click", (event) => {
  const link = event.target.closest("a.video-open[data-embed]");
  if (!link) return;
  event.preventDefault();
  const frame = document.createElement("iframe");
  frame.className = "video-frame";
  frame.src = link.dataset.embed;
  frame.title = link.dataset.title || "Video";
  frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
  frame.allowFullscreen = true;
  frame.referrerPolicy = "strict-origin-when-cross-origin";
  link.closest(".video-stage").replaceChildren(frame);
  frame.focus();
});
