/** Altcraft "Trigger launch (API call)": one launch per request, for Per Item and Audience. */
export const LAUNCH_PATH = '/api/v1.1/campaigns/triggers/start/';
