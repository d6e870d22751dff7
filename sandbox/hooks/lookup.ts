/** What the hooks need of the sandbox's profiles: the email behind a profile ID (for _md5/_xxh). */
export interface ProfileLookup {
	emailOf(profileId: string): string | undefined;
}
