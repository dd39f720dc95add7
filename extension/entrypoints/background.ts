export default defineBackground(() => {
  // Filled in by the extension issue: polling, badge and notifications.
});
