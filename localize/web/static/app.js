// Small progressive enhancements; every page works without them.
document.documentElement.classList.add("js");

document.addEventListener("DOMContentLoaded", () => {
  // Choosing a language applies it at once (the button remains for browsers without JS).
  for (const select of document.querySelectorAll("select[data-autosubmit]")) {
    select.addEventListener("change", () => select.form.requestSubmit());
  }
  // A link to a closed <details> form (the "New series" button) opens it.
  const openTarget = () => {
    const target = location.hash && document.getElementById(location.hash.slice(1));
    if (target && target.tagName === "DETAILS") target.open = true;
  };
  window.addEventListener("hashchange", openTarget);
  openTarget();
  // A new series' address is proposed from its title until the user types one of their own
  // (the server proposes the same when the field is left empty).
  for (const slug of document.querySelectorAll("input[data-slug-from]")) {
    const title = document.getElementById(slug.dataset.slugFrom);
    if (!title) continue;
    let proposed = slug.value === "" ? "" : null;
    title.addEventListener("input", () => {
      if (proposed === null || slug.value !== proposed) return;  // the user wrote their own
      proposed = slugFromTitle(title.value);
      slug.value = proposed;
    });
    slug.addEventListener("input", () => { proposed = slug.value === "" ? "" : null; });
  }
});

// "The Heir Returns!" -> "the-heir-returns"; accents dropped, like localize.catalog.overview.slug_from_title.
function slugFromTitle(title) {
  return title.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 100).replace(/-+$/, "");
}
