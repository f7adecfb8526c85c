// The document a first visit starts with: small, with a few findings.
export const SAMPLE_FILE_NAME = "pets-api.yaml";

export const SAMPLE = `openapi: 3.0.3
info:
  title: Pet Shop API
  description: Pets and their owners.
  version: v2
  contact:
    name: Team Pets
    url: https://pets.example.com
    email: pets@example.com
  x-api-id: 3c7e6f0a-2f4e-4b55-9a3e-5b1d8f0c9a11
  x-audience: external-public
paths:
  /pets/:
    get:
      summary: List pets
      responses:
        "200":
          description: The pets
          content:
            application/json:
              schema:
                type: array
                items:
                  $ref: "#/components/schemas/Pet"
  /petOwners/{owner-id}:
    get:
      summary: One owner
      parameters:
        - name: owner-id
          in: path
          required: true
          schema:
            type: string
      responses:
        "200":
          description: The owner
          content:
            application/json:
              schema:
                type: object
                properties:
                  ownerName:
                    type: string
components:
  schemas:
    Pet:
      type: object
      properties:
        name:
          type: string
        birthDate:
          type: string
          format: date
`;
